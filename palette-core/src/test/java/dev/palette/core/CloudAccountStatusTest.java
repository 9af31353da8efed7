package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.ManualClock;
import dev.palette.Palette;
import dev.palette.core.cloudaccount.CloudAccountController;
import dev.palette.dsl.UpdatableResource;
import dev.palette.model.AccountPhase;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.CloudProvider;
import dev.palette.testkit.provider.ForwardingCloudProvider;
import dev.palette.spi.AccountCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cloud account's validity is its status, written by the cloud account controller. */
class CloudAccountStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final AtomicBoolean revoked = new AtomicBoolean();
  private SandboxCloud cloud;
  private Palette palette;

  @BeforeEach
  void open() {
    cloud = new SandboxCloud(SandboxSettings.instant());
    palette = Palette.builder().clock(clock).resyncPeriod(Duration.ofMinutes(10)).discoverProviders(false)
        .provider(new Revocable(new SandboxProvider(cloud, clock), revoked)).build();
    Fixtures.projectWithAccount(palette.clusterMode());
  }

  @AfterEach
  void close() {
    palette.close();
    cloud.close();
  }

  @Test
  void anAccountTheCloudAcceptsIsValidForItsCurrentGeneration() {
    await().atMost(WAIT).until(() -> account().require().isValid());

    CloudAccount valid = account().require();
    assertThat(valid.status().phase()).isEqualTo(AccountPhase.VALID);
    assertThat(valid.status().observedGeneration()).isEqualTo(valid.metadata().generation());
    assertThat(valid.status().conditions()).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(CloudAccountController.CONDITION);
      assertThat(c.status()).isTrue();
    });
  }

  @Test
  void credentialsRevokedInTheCloudShowAsInvalidWithTheReasonAfterOneResyncPeriod() {
    await().atMost(WAIT).until(() -> account().require().isValid());

    revoked.set(true);
    clock.advance(Duration.ofMinutes(11));

    await().atMost(WAIT).until(() -> account().require().status().phase() == AccountPhase.INVALID);
    CloudAccount invalid = account().require();
    assertThat(invalid.status().message()).contains("credentials.secretKey").contains("revoked");
    assertThat(invalid.status().conditions()).singleElement().satisfies(c -> {
      assertThat(c.status()).isFalse();
      assertThat(c.message()).contains("revoked");
    });
  }

  @Test
  void rotatedCredentialsAreCheckedAgainForTheNewGeneration() {
    await().atMost(WAIT).until(() -> account().require().isValid());
    revoked.set(true);
    clock.advance(Duration.ofMinutes(11));
    await().atMost(WAIT).until(() -> account().require().status().phase() == AccountPhase.INVALID);

    revoked.set(false);
    CloudAccount rotated = account().update(a -> a.putCredential("secretKey", "fresh"));

    await().atMost(WAIT).until(() -> account().require().isValid());
    assertThat(account().require().status().observedGeneration()).isEqualTo(rotated.metadata().generation())
        .isGreaterThan(1);
  }

  private UpdatableResource<CloudAccount, CloudAccountSpec.Builder> account() {
    return palette.clusterMode().cloudAccounts().inProject(PROJECT).withName("sandbox");
  }

  /** The sandbox, with a cloud that refuses every account while {@code revoked} is set. */
  private static final class Revocable extends ForwardingCloudProvider {
    private final AtomicBoolean revoked;

    Revocable(CloudProvider delegate, AtomicBoolean revoked) {
      super(delegate);
      this.revoked = revoked;
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      return revoked.get() ? AccountCheck.invalid("credentials.secretKey: was revoked by the cloud")
          : super.verifyAccount(account);
    }
  }
}
