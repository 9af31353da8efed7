package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A record another record belongs to, in the shape of a Kubernetes owner reference: the owner's
 * kind, its id (which never repeats, so a new owner of the same name is not mistaken for it) and
 * its name for people reading the record.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = OwnerReference.class)
@JsonDeserialize(as = OwnerReference.class)
public interface OwnerReferenceDef {
  /** A short description for logs and debuggers, which {@code toString()} returns. */
  default String summary() {
    return kind() + " " + name() + " (" + id() + ")";
  }

  /** The owner's kind, for example {@code Project}. */
  String kind();

  /** The owner's id. */
  String id();

  /** The owner's name. */
  String name();

  /** A reference to this record. */
  static OwnerReference to(Resource<?> owner) {
    Metadata m = owner.metadata();
    return OwnerReference.builder().kind(m.kind()).id(m.id()).name(m.name()).build();
  }
}
