using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data;

public sealed class AppDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    private readonly IPracticeScope _scope;

    public AppDbContext(DbContextOptions<AppDbContext> options, IPracticeScope scope) : base(options) => _scope = scope;

    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<CxStage> Stages => Set<CxStage>();
    public DbSet<DefectCategory> Categories => Set<DefectCategory>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientImportUpload> PatientImportUploads => Set<PatientImportUpload>();
    public DbSet<ServiceDefect> Defects => Set<ServiceDefect>();
    public DbSet<RecoveryCase> Cases => Set<RecoveryCase>();
    public DbSet<Improvement> Improvements => Set<Improvement>();
    public DbSet<TimelineEvent> Timeline => Set<TimelineEvent>();
    public DbSet<PracticeMembership> Memberships => Set<PracticeMembership>();
    public DbSet<AuditEvent> Audit => Set<AuditEvent>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();
    public DbSet<ChecklistMark> ChecklistMarks => Set<ChecklistMark>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<LetterTemplate> LetterTemplates => Set<LetterTemplate>();
    public DbSet<RecoverySurvey> Surveys => Set<RecoverySurvey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<QueueCount> QueueCounts => Set<QueueCount>();
    public DbSet<ReportMonth> ReportMonths => Set<ReportMonth>();
    public DbSet<ReportTally> ReportTallies => Set<ReportTally>();

    // Read by the query filters below; EF evaluates them per query, per context instance.
    private bool ScopeIsUnrestricted => _scope.IsUnrestricted;
    private Guid[] ScopePracticeIds => _scope.PracticeIds;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every practice-owned table is limited to the signed-in user's practices.
        builder.Entity<Practice>().HasQueryFilter(p => ScopeIsUnrestricted || ScopePracticeIds.Contains(p.Id));
        builder.Entity<CxStage>().HasQueryFilter(s => ScopeIsUnrestricted || ScopePracticeIds.Contains(s.PracticeId));
        builder.Entity<DefectCategory>().HasQueryFilter(c => ScopeIsUnrestricted || ScopePracticeIds.Contains(c.PracticeId));
        builder.Entity<Patient>().HasQueryFilter(p => ScopeIsUnrestricted || ScopePracticeIds.Contains(p.PracticeId));
        builder.Entity<PatientImportUpload>().HasQueryFilter(u => ScopeIsUnrestricted || ScopePracticeIds.Contains(u.PracticeId));
        builder.Entity<ServiceDefect>().HasQueryFilter(d => ScopeIsUnrestricted || ScopePracticeIds.Contains(d.PracticeId));
        builder.Entity<RecoveryCase>().HasQueryFilter(c => ScopeIsUnrestricted || ScopePracticeIds.Contains(c.PracticeId));
        builder.Entity<Improvement>().HasQueryFilter(i => ScopeIsUnrestricted || ScopePracticeIds.Contains(i.PracticeId));
        builder.Entity<OutboxMessage>().HasQueryFilter(m => ScopeIsUnrestricted || ScopePracticeIds.Contains(m.PracticeId));
        builder.Entity<DigestRun>().HasQueryFilter(r => ScopeIsUnrestricted || ScopePracticeIds.Contains(r.PracticeId));
        builder.Entity<ChecklistMark>().HasQueryFilter(m => ScopeIsUnrestricted || ScopePracticeIds.Contains(m.PracticeId));
        builder.Entity<ApiKey>().HasQueryFilter(k => ScopeIsUnrestricted || ScopePracticeIds.Contains(k.PracticeId));
        builder.Entity<Appointment>().HasQueryFilter(a => ScopeIsUnrestricted || ScopePracticeIds.Contains(a.PracticeId));
        builder.Entity<LetterTemplate>().HasQueryFilter(t => ScopeIsUnrestricted || ScopePracticeIds.Contains(t.PracticeId));
        builder.Entity<RecoverySurvey>().HasQueryFilter(s => ScopeIsUnrestricted || ScopePracticeIds.Contains(s.PracticeId));
        builder.Entity<QueueCount>().HasQueryFilter(q => ScopeIsUnrestricted || ScopePracticeIds.Contains(q.PracticeId));
        builder.Entity<ReportMonth>().HasQueryFilter(m => ScopeIsUnrestricted || ScopePracticeIds.Contains(m.PracticeId));
        builder.Entity<ReportTally>().HasQueryFilter(t => ScopeIsUnrestricted || ScopePracticeIds.Contains(t.PracticeId));

        // Nothing is deleted, so nothing cascades. An owned part of an aggregate (the formal complaint and its pauses)
        // keeps its ownership as EF models it: the migration snapshot cannot say Restrict for one.
        foreach (var foreignKey in builder.Model.GetEntityTypes()
                     .Where(t => t.ClrType.Namespace == typeof(RecoveryCase).Namespace)
                     .SelectMany(t => t.GetForeignKeys())
                     .Where(fk => !fk.IsOwnership))
        {
            foreignKey.DeleteBehavior = DeleteBehavior.Restrict;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date type. Stored as a 64-bit number (ticks and offset packed by EF's converter); because
            // every time is stored in UTC (offset zero), the numbers sort and compare in SQL as the times do.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewCaseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewCaseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Optimistic concurrency that works on SQLite as well as SQL Server: the stored Version must still be
    /// the one the editor read, and each save writes a new one.
    /// </summary>
    private void RenewCaseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<RecoveryCase>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(c => c.Version).CurrentValue = Guid.NewGuid();
        }

        foreach (var entry in ChangeTracker.Entries<Improvement>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(i => i.Version).CurrentValue = Guid.NewGuid();
        }

        foreach (var entry in ChangeTracker.Entries<LetterTemplate>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(t => t.Version).CurrentValue = Guid.NewGuid();
        }

        // A survey is answered once: two posts at the same moment cannot both save an answer.
        foreach (var entry in ChangeTracker.Entries<RecoverySurvey>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(s => s.Version).CurrentValue = Guid.NewGuid();
        }

        // A practice's settings include its stages and categories: a change to any of them renews the practice's version.
        var touched = ChangeTracker.Entries<CxStage>().Where(e => e.State is EntityState.Modified or EntityState.Added).Select(e => e.Entity.PracticeId)
            .Concat(ChangeTracker.Entries<DefectCategory>().Where(e => e.State is EntityState.Modified or EntityState.Added).Select(e => e.Entity.PracticeId))
            .ToHashSet();
        foreach (var entry in ChangeTracker.Entries<Practice>().Where(e => e.State == EntityState.Modified || touched.Contains(e.Entity.Id)))
        {
            if (entry.State == EntityState.Unchanged)
            {
                entry.State = EntityState.Modified;
            }

            if (entry.State == EntityState.Modified)
            {
                entry.Property(p => p.Version).CurrentValue = Guid.NewGuid();
            }
        }
    }
}
