using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class RecoverySurveyConfiguration : IEntityTypeConfiguration<RecoverySurvey>
{
    public void Configure(EntityTypeBuilder<RecoverySurvey> builder)
    {
        builder.ToTable("RecoverySurveys");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(RecoverySurvey.MaxComment);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsAnswered);
        builder.Ignore(s => s.IsLow);
        builder.HasOne<Practice>().WithMany().HasForeignKey(s => s.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RecoveryCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        // One survey per case; a link is found by its hash; "surveyed in the last N days" reads by patient; the report reads a practice's surveys sent in its period.
        builder.HasIndex(s => s.CaseId).IsUnique();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => new { s.PatientId, s.IssuedAt });
        builder.HasIndex(s => new { s.PracticeId, s.IssuedAt });
    }
}
