using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> builder)
    {
        builder.ToTable("TimelineEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        builder.Property(e => e.Detail).HasMaxLength(TimelineEvent.MaxDetailLength);
        builder.HasIndex(e => new { e.CaseId, e.At });
    }
}

internal sealed class ImprovementConfiguration : IEntityTypeConfiguration<Improvement>
{
    public void Configure(EntityTypeBuilder<Improvement> builder)
    {
        builder.ToTable("Improvements");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(Limits.ShortText);
        builder.Property(i => i.Description).HasMaxLength(Limits.Description);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OwnerName).HasMaxLength(Limits.Name);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.StatusChangedByName).HasMaxLength(Limits.Name);
        builder.HasOne<Practice>().WithMany().HasForeignKey(i => i.PracticeId);
        builder.HasIndex(i => new { i.PracticeId, i.Status });
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        builder.Property(e => e.Detail).HasMaxLength(AuditEvent.MaxDetailLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.PracticeId, e.At });
    }
}

internal sealed class PracticeMembershipConfiguration : IEntityTypeConfiguration<PracticeMembership>
{
    public void Configure(EntityTypeBuilder<PracticeMembership> builder)
    {
        builder.ToTable("PracticeMemberships");
        builder.HasKey(m => new { m.UserId, m.PracticeId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice>().WithMany().HasForeignKey(m => m.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.PracticeId);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
    }
}
