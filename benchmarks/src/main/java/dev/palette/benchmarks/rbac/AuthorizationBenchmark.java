package dev.palette.benchmarks.rbac;

import dev.palette.Principal;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.rbac.Permissions;
import dev.palette.core.rbac.StandardResources;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization check, {@link Authorizer#allowed}, for random (user, permission, project)
 * triples in a tenant of 1,000 users, 100 teams of 10 members and 10,000 role bindings (8,000 to
 * users, 2,000 to teams; 95% project roles spread over 50 projects, 5% tenant roles other than
 * Tenant Admin). One check in 20 is a tenant-level one. Target: 2 µs at p50.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar AuthorizationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AuthorizationBenchmark {
  private static final int USERS = 1_000;
  private static final int TEAMS = 100;
  private static final int TEAM_SIZE = 10;
  private static final int PROJECTS = 50;
  private static final int BINDINGS = 10_000;
  private static final int TEAM_BINDINGS = 2_000;
  private static final int TRIPLES = 1 << 14;
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final BuiltInRoles ROLES = new BuiltInRoles(new Permissions(StandardResources.all()));

  private MemoryStateStore store;
  private Authorizer authorizer;
  private Principal[] principals;
  private String[] permissions;
  private String[] projects;
  private int next;

  @Setup(Level.Trial)
  public void fill() {
    Random random = new Random(42);
    store = new MemoryStateStore();
    RecordCodec codec = new RecordCodec();
    Records records = new Records(store, codec);
    for (int p = 0; p < PROJECTS; p++) {
      records.create(RecordKind.PROJECT, Project.builder().metadata(metadata(Project.KIND, project(p)))
          .spec(ProjectSpec.builder().name(project(p)).build()).build());
    }
    for (int u = 0; u < USERS; u++) {
      records.create(RecordKind.USER, User.builder().metadata(metadata(User.KIND, user(u)))
          .spec(UserSpec.builder().name(user(u)).build()).build());
    }
    for (int t = 0; t < TEAMS; t++) {
      List<String> members = new ArrayList<>();
      for (int m = 0; m < TEAM_SIZE; m++) {
        members.add(user(random.nextInt(USERS)));
      }
      records.create(RecordKind.TEAM, Team.builder().metadata(metadata(Team.KIND, "team-" + t))
          .spec(TeamSpec.builder().name("team-" + t).members(members).build()).build());
    }
    List<String> projectRoles = roles(RoleScope.PROJECT);
    List<String> tenantRoles = roles(RoleScope.TENANT);
    tenantRoles.remove("Tenant Admin");
    for (int b = 0; b < BINDINGS; b++) {
      boolean team = b < TEAM_BINDINGS;
      boolean tenant = random.nextInt(20) == 0;
      RoleBindingSpec spec = RoleBindingSpec.builder()
          .subjectKind(team ? SubjectKind.TEAM : SubjectKind.USER)
          .subject(team ? "team-" + random.nextInt(TEAMS) : user(random.nextInt(USERS)))
          .role(tenant ? pick(tenantRoles, random) : pick(projectRoles, random))
          .project(tenant ? "" : project(random.nextInt(PROJECTS)))
          .build();
      records.create(RecordKind.ROLE_BINDING, RoleBinding.builder()
          .metadata(metadata(RoleBinding.KIND, "binding-" + b)).spec(spec).build());
    }
    authorizer = new Authorizer(store, codec, Principal.TENANT_ADMIN, ROLES);

    List<String> vocabulary = new ArrayList<>();
    for (String resource : ROLES.permissions().resources()) {
      for (String op : ROLES.permissions().operationsOf(resource)) {
        vocabulary.add(Permissions.of(resource, op));
      }
    }
    principals = new Principal[TRIPLES];
    permissions = new String[TRIPLES];
    projects = new String[TRIPLES];
    for (int i = 0; i < TRIPLES; i++) {
      principals[i] = Principal.user(user(random.nextInt(USERS)));
      permissions[i] = pick(vocabulary, random);
      projects[i] = random.nextInt(20) == 0 ? "" : project(random.nextInt(PROJECTS));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    authorizer.close();
    store.close();
  }

  @Benchmark
  public boolean allowed() {
    int i = next++ & (TRIPLES - 1);
    return authorizer.allowed(principals[i], permissions[i], projects[i]);
  }

  private static List<String> roles(RoleScope scope) {
    List<String> out = new ArrayList<>();
    for (RoleSpec spec : ROLES.specs()) {
      if (spec.scope() == scope) {
        out.add(spec.name());
      }
    }
    return out;
  }

  private static String pick(List<String> from, Random random) {
    return from.get(random.nextInt(from.size()));
  }

  private static String user(int i) {
    return "user-" + i;
  }

  private static String project(int i) {
    return "project-" + i;
  }

  private static Metadata metadata(String kind, String name) {
    return Metadata.builder().kind(kind).id(kind + "-" + name).name(name).project("")
        .createdAt(NOW).updatedAt(NOW).build();
  }
}
