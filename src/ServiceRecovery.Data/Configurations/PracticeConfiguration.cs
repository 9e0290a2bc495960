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
        builder.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PracticeId);
        builder.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.PracticeId);
    }
}

internal sealed class CxStageConfiguration : IEntityTypeConfiguration<CxStage>
{
    public void Configure(EntityTypeBuilder<CxStage> builder)
    {
        builder.ToTable("CxStages");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(s => new { s.PracticeId, s.Position });
    }
}

internal sealed class DefectCategoryConfiguration : IEntityTypeConfiguration<DefectCategory>
{
    public void Configure(EntityTypeBuilder<DefectCategory> builder)
    {
        builder.ToTable("DefectCategories");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(c => new { c.PracticeId, c.Position });
    }
}
