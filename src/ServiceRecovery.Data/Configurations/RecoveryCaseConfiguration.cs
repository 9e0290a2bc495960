using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class RecoveryCaseConfiguration : IEntityTypeConfiguration<RecoveryCase>
{
    public void Configure(EntityTypeBuilder<RecoveryCase> builder)
    {
        builder.ToTable("RecoveryCases");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reference).HasMaxLength(16);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.OwnerName).HasMaxLength(Limits.Name);
        builder.Property(c => c.WithdrawReason).HasMaxLength(Limits.Reason);
        builder.Property(c => c.LastChangedByName).HasMaxLength(Limits.Name);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.RepeatOfReference).HasMaxLength(16);
        builder.Property(c => c.RepeatAssignedToName).HasMaxLength(Limits.Name);
        builder.Ignore(c => c.IsSecondFailure);

        builder.HasOne<Practice>().WithMany().HasForeignKey(c => c.PracticeId);
        builder.HasOne(c => c.Defect).WithOne().HasForeignKey<RecoveryCase>(c => c.DefectId);

        // The reference is unique per practice; the idempotency key makes a double submit open one case.
        builder.HasIndex(c => new { c.PracticeId, c.Year, c.Number }).IsUnique();
        builder.HasIndex(c => new { c.PracticeId, c.IdempotencyKey }).IsUnique();
        // The queue, home page and huddle: the cases of a practice in a status. The index holds every column the queue's
        // counts, filters and order read (the id too), so its counts and its choice of a page read no table row; it
        // also answers "overdue" (NextDueAt < now) and the counts by step.
        builder.HasIndex(c => new { c.PracticeId, c.Status, c.NextDueAt, c.OpenedAt, c.Severity, c.CurrentStep, c.OwnerId, c.Id })
            .HasDatabaseName("IX_RecoveryCases_Queue");
        // The queue filtered by stage over a date range, as covering as the above.
        builder.HasIndex(c => new { c.PracticeId, c.StageId, c.Status, c.OpenedAt, c.NextDueAt, c.Severity, c.CurrentStep, c.Id })
            .HasDatabaseName("IX_RecoveryCases_QueueByStage");
        builder.HasIndex(c => new { c.PracticeId, c.OpenedAt });
        builder.HasIndex(c => new { c.PracticeId, c.OwnerId, c.Status });
        builder.HasIndex(c => new { c.PracticeId, c.CategoryId, c.Status });
        // The reports: a practice's cases of a period, with every column their counts read, so no case row is visited.
        builder.HasIndex(c => new { c.PracticeId, c.DefectOccurredAt, c.Status, c.StageId, c.CategoryId, c.HasGivenGesture, c.Recovered, c.FirstReturnOn })
            .HasDatabaseName("IX_RecoveryCases_Report");

        // Each step keeps the columns it had before the tracks were one value: SaySorry_DueAt, SaySorry_SettledAt, ….
        builder.ComplexProperty(c => c.Steps, steps =>
        {
            foreach (var step in ServiceSteps.InOrder)
            {
                var name = StepTracks.PropertyOf(step);
                steps.ComplexProperty(typeof(StepTrack), name, track =>
                {
                    track.Property(nameof(StepTrack.DueAt)).HasColumnName($"{name}_{nameof(StepTrack.DueAt)}");
                    track.Property(nameof(StepTrack.SettledAt)).HasColumnName($"{name}_{nameof(StepTrack.SettledAt)}");
                    track.Property(nameof(StepTrack.SkipReason)).HasColumnName($"{name}_{nameof(StepTrack.SkipReason)}").HasMaxLength(Limits.Reason);
                });
            }
        });

        builder.HasMany(c => c.Apologies).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Fixes).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Gestures).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.ImprovementLinks).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Lessons).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.FollowUps).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Returns).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.WelcomeBacks).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Letters).WithOne().HasForeignKey(r => r.CaseId);
        builder.Property(c => c.WelcomeBackGesture).HasMaxLength(WelcomeGestureList.MaxLength);
        builder.HasMany(c => c.Skips).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Requests).WithOne().HasForeignKey(r => r.CaseId);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.CaseId);

        // A formal complaint: a table of its own keyed by the case, loaded with it; its pauses are kept for good.
        builder.OwnsOne(c => c.Complaint, complaint =>
        {
            complaint.ToTable("FormalComplaints");
            complaint.WithOwner().HasForeignKey("CaseId");
            complaint.HasKey("CaseId");
            complaint.Property(f => f.Summary).HasMaxLength(FormalComplaint.SummaryLength);
            complaint.Property(f => f.ProfileId).HasMaxLength(JurisdictionProfiles.IdLength);
            complaint.Property(f => f.MarkedByName).HasMaxLength(Limits.Name);
            complaint.Ignore(f => f.Rules);
            complaint.Ignore(f => f.Profile);
            complaint.Ignore(f => f.Clock);
            complaint.Ignore(f => f.IsPaused);
            complaint.Ignore(f => f.OpenPause);
            complaint.Ignore(f => f.IsOpen);
            complaint.OwnsMany(f => f.Pauses, pause =>
            {
                pause.ToTable("ComplaintPauses");
                pause.WithOwner().HasForeignKey("CaseId");
                pause.HasKey(p => p.Id);
                pause.Property(p => p.Id).ValueGeneratedNever();
                pause.Property(p => p.Reason).HasMaxLength(ClockPause.ReasonLength);
            });
            complaint.Navigation(f => f.Pauses).HasField("_pauses");
        });
        // The next round's sweep and the queue: a practice's complaints by the due date kept on the row.
        builder.HasIndex(c => new { c.PracticeId, c.ComplaintRespondDue });
        builder.HasIndex(c => new { c.PracticeId, c.ComplaintAcknowledgeDue });
        // The annual complaints report: a practice's complaints received in a period (ComplaintFigures).
        builder.HasIndex(c => new { c.PracticeId, c.ComplaintReceivedOn });

        builder.Ignore(c => c.TimeToApology);
        builder.Ignore(c => c.GivenGestureTotal);
        builder.Ignore(c => c.HasGestureAwaitingApproval);
    }
}
