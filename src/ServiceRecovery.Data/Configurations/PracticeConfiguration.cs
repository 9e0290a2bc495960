using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.ToTable("Practices");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Limits.Name);
        builder.Property(p => p.Slug).HasMaxLength(Limits.Name);
        builder.Property(p => p.Address).HasMaxLength(PracticeDetails.AddressLength);
        builder.Property(p => p.Phone).HasMaxLength(PracticeDetails.PhoneLength);
        builder.Property(p => p.LetterReplyTo).HasMaxLength(Limits.Email);
        builder.Property(p => p.ComplaintFurtherSteps).HasMaxLength(ShippedLetters.FurtherStepsLength);
        builder.Ignore(p => p.FurtherSteps);
        builder.Property(p => p.ArchivedBy).HasMaxLength(Limits.Name);
        builder.Ignore(p => p.IsArchived);
        builder.Ignore(p => p.Details);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.DisplayTokenHash).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.DisplayTokenHash).IsUnique();
        builder.Property(p => p.TimeZoneId).HasMaxLength(64);
        builder.Property(p => p.Culture).HasMaxLength(16);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.ComplexProperty(p => p.DueTimes);
        builder.ComplexProperty(p => p.GestureLimits, limits =>
        {
            limits.Property(l => l.FrontDesk).HasPrecision(18, 2);
            limits.Property(l => l.PracticeManager).HasPrecision(18, 2);
            limits.Property(l => l.Administrator).HasPrecision(18, 2);
        });
        // The migration that added these gave existing practices the defaults (7 a.m., everyone, escalation on).
        builder.ComplexProperty(p => p.Reminders);
        builder.Property(p => p.WelcomeGestures).HasMaxLength(WelcomeGestureList.StoredLength);
        builder.Ignore(p => p.WelcomeGestureOptions);
        // Existing practices start open Monday to Friday, no closure days, no complaint profile chosen.
        builder.Property(p => p.ComplaintProfileId).HasMaxLength(JurisdictionProfiles.IdLength);
        builder.Property(p => p.OpeningDays).HasDefaultValue(WorkingDays.DefaultOpeningDays);
        builder.Property(p => p.ClosureDays).HasMaxLength(WorkingDays.StoredLength).HasDefaultValue("");
        builder.Ignore(p => p.Complaints);
        builder.Ignore(p => p.Calendar);
        builder.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PracticeId);
        builder.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.PracticeId);
    }
}

/// <summary>A practice's journey stages and defect categories: the same shape, each in its own table.</summary>
internal abstract class PracticeListItemConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : PracticeListItem
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(i => new { i.PracticeId, i.Position });
    }
}

internal sealed class CxStageConfiguration() : PracticeListItemConfiguration<CxStage>("CxStages");

internal sealed class DefectCategoryConfiguration() : PracticeListItemConfiguration<DefectCategory>("DefectCategories");
