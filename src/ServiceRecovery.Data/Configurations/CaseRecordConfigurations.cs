using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

/// <summary>What every step record shares: who recorded it and when, and the case it belongs to.</summary>
internal abstract class CaseRecordConfiguration<T> : IEntityTypeConfiguration<T> where T : CaseRecord
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RecordedById).HasMaxLength(450);
        builder.Property(r => r.RecordedByName).HasMaxLength(Limits.Name);
        builder.HasIndex(r => r.CaseId);
        ConfigureRecord(builder);
    }

    protected abstract void ConfigureRecord(EntityTypeBuilder<T> builder);
}

internal sealed class ApologyConfiguration : CaseRecordConfiguration<Apology>
{
    protected override void ConfigureRecord(EntityTypeBuilder<Apology> builder)
    {
        builder.ToTable("Apologies");
        builder.Property(a => a.ApologisedBy).HasMaxLength(Limits.Name);
    }
}

internal sealed class FixConfiguration : CaseRecordConfiguration<Fix>
{
    protected override void ConfigureRecord(EntityTypeBuilder<Fix> builder)
    {
        builder.ToTable("Fixes");
        builder.Property(f => f.Description).HasMaxLength(Limits.Description);
    }
}

internal sealed class PersonalContactConfiguration : CaseRecordConfiguration<PersonalContact>
{
    protected override void ConfigureRecord(EntityTypeBuilder<PersonalContact> builder)
    {
        builder.ToTable("PersonalContacts");
        builder.Property(c => c.Summary).HasMaxLength(Limits.Description);
    }
}

internal sealed class PatientLetterConfiguration : CaseRecordConfiguration<PatientLetter>
{
    protected override void ConfigureRecord(EntityTypeBuilder<PatientLetter> builder)
    {
        builder.ToTable("PatientLetters");
        builder.Property(l => l.TemplateName).HasMaxLength(LetterTemplate.NameLength);
        builder.Property(l => l.Subject).HasMaxLength(PatientLetter.SubjectLength);
        builder.Property(l => l.Text).HasMaxLength(PatientLetter.TextLength);
        builder.HasOne<LetterTemplateVersion>().WithMany().HasForeignKey(l => l.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(l => l.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GestureConfiguration : CaseRecordConfiguration<Gesture>
{
    protected override void ConfigureRecord(EntityTypeBuilder<Gesture> builder)
    {
        builder.ToTable("Gestures");
        builder.Property(g => g.Amount).HasPrecision(18, 2);
        builder.Property(g => g.Note).HasMaxLength(Limits.Reason);
        builder.Property(g => g.DecidedById).HasMaxLength(450);
        builder.Property(g => g.DecidedByName).HasMaxLength(Limits.Name);
        builder.Property(g => g.DeclineReason).HasMaxLength(Limits.Reason);
        builder.HasIndex(g => new { g.State, g.RecordedAt });
        // "Has this case a gesture given / awaiting approval?" and "what has it been given?" are asked per case by the
        // queue, the export and the reports: without (CaseId, State) SQLite answers them from (State, RecordedAt),
        // reading every gesture of that state for every case.
        builder.HasIndex(g => new { g.CaseId, g.State });
        // The huddle's wins: gestures approved this week (see HuddleBoard.WinsAsync).
        builder.HasIndex(g => new { g.State, g.DecidedAt });
    }
}

internal sealed class ImprovementLinkConfiguration : CaseRecordConfiguration<ImprovementLink>
{
    protected override void ConfigureRecord(EntityTypeBuilder<ImprovementLink> builder)
    {
        builder.ToTable("ImprovementLinks");
        builder.HasOne<Improvement>().WithMany().HasForeignKey(l => l.ImprovementId);
    }
}

internal sealed class LessonConfiguration : CaseRecordConfiguration<Lesson>
{
    protected override void ConfigureRecord(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("Lessons");
        builder.Property(l => l.Text).HasMaxLength(Limits.Reason);
        // The huddle shows a corrected lesson in its latest wording only: "is this lesson corrected?" per lesson.
        builder.HasIndex(l => l.CorrectsId);
    }
}

internal sealed class FollowUpConfiguration : CaseRecordConfiguration<FollowUp>
{
    protected override void ConfigureRecord(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.Property(f => f.Outcome).HasMaxLength(Limits.Reason);
        builder.HasIndex(f => f.PlannedFor);
    }
}

internal sealed class PatientReturnConfiguration : CaseRecordConfiguration<PatientReturn>
{
    protected override void ConfigureRecord(EntityTypeBuilder<PatientReturn> builder)
    {
        builder.ToTable("PatientReturns");
        builder.Property(r => r.Reason).HasMaxLength(Limits.ShortText);
        builder.HasIndex(r => r.ReturnedOn);
    }
}

internal sealed class WelcomeBackConfiguration : CaseRecordConfiguration<WelcomeBack>
{
    protected override void ConfigureRecord(EntityTypeBuilder<WelcomeBack> builder)
    {
        builder.ToTable("WelcomeBacks");
        builder.Property(r => r.GreetedBy).HasMaxLength(Limits.Name);
        builder.Property(r => r.SaidOrGiven).HasMaxLength(Limits.Reason);
    }
}

internal sealed class StepSkipConfiguration : CaseRecordConfiguration<StepSkip>
{
    protected override void ConfigureRecord(EntityTypeBuilder<StepSkip> builder)
    {
        builder.ToTable("StepSkips");
        builder.Property(s => s.Reason).HasMaxLength(Limits.Reason);
    }
}

internal sealed class CaseRequestConfiguration : CaseRecordConfiguration<CaseRequest>
{
    protected override void ConfigureRecord(EntityTypeBuilder<CaseRequest> builder)
    {
        builder.ToTable("CaseRequests");
        builder.Property(r => r.Reason).HasMaxLength(Limits.Reason);
        builder.Property(r => r.DecidedById).HasMaxLength(450);
        builder.Property(r => r.DecidedByName).HasMaxLength(Limits.Name);
        builder.Property(r => r.DecisionNote).HasMaxLength(Limits.Reason);
        builder.Ignore(r => r.IsPending);
        builder.Ignore(r => r.What);
        // The queue's "requests waiting for a manager": the pending ones, by case.
        builder.HasIndex(r => new { r.State, r.CaseId });
    }
}
