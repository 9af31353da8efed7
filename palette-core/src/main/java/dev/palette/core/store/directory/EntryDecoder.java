package dev.palette.core.store.directory;

import dev.palette.core.store.directory.EntryCodec.Entry;
import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Secrets at rest: encodes and decodes a store's entries with its {@link SecretCipher} (or none),
 * and turns a failure to decode into a message naming the file and offset, never the payload.
 */
final class EntryDecoder {
  /** How to give a store a key, for messages that ask for one. */
  static final String HOW_TO_SUPPLY_A_KEY = "supply one with Palette.builder().secretKeyFile(path)"
      + " or .secretKeyFromEnv(\"PALETTE_SECRET_KEY\") (the key in base64: 32 random bytes, for"
      + " example from `openssl rand -base64 32`), or .secretKey(bytes); a store opened directly"
      + " takes DirectoryStateStore.Options.withSecretKey(key)";

  private final Path directory;
  private final SecretCipher cipher;

  EntryDecoder(Path directory, SecretCipher cipher) {
    this.directory = directory;
    this.cipher = cipher;
  }

  /** Refuses a record with secrets when there is no key to seal them with. */
  void checkCanKeep(StoredRecord record) {
    if (record != null && record.hasSecrets() && cipher == null) {
      throw new PaletteException("store directory " + directory + " has no secret key, so it cannot"
          + " keep the secrets of " + record.describe() + " and wrote nothing; "
          + HOW_TO_SUPPLY_A_KEY);
    }
  }

  byte[] encode(Op op, StoredRecord r) {
    return EntryCodec.encode(op, r, cipher);
  }

  Entry decode(byte[] payload, Path file, long offset) {
    try {
      return EntryCodec.decode(payload, cipher);
    } catch (EntryCodec.NoKey e) {
      throw new PaletteException("store directory " + directory + " keeps secrets sealed with a"
          + " secret key (the first in " + file.getFileName() + " at offset " + offset + "), and"
          + " none was supplied; nothing was changed. To open it, " + HOW_TO_SUPPLY_A_KEY);
    } catch (SecretCipher.WrongKey e) {
      throw new PaletteException("the secret key supplied for store directory " + directory
          + " is not the key its secrets were sealed with (they were sealed with the key of id "
          + e.sealedWith + ", the key supplied has id " + e.supplied + "); nothing was changed:"
          + " open it again with the key it was written with");
    } catch (IOException | RuntimeException e) {
      // The parser's message may quote the payload, which may hold secrets: leave it out.
      throw corrupt(file, offset, "the entry's checksum is right but it is not a valid record, or"
          + " its sealed secrets fail authentication");
    }
  }

  static PaletteException corrupt(Path file, long offset, String reason) {
    return new PaletteException("store file " + file + " is corrupt at offset " + offset + ": "
        + reason + "; restore the store directory from a backup, or move the file away to open"
        + " the store without its changes");
  }
}
