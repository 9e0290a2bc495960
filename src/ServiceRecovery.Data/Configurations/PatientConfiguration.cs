using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(p => p.Phone).HasMaxLength(Limits.Phone);
        builder.Property(p => p.Email).HasMaxLength(Limits.Email);
        builder.Property(p => p.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasOne<Practice>().WithMany().HasForeignKey(p => p.PracticeId);
        builder.HasIndex(p => new { p.PracticeId, p.DisplayName });
        builder.Property(p => p.PhoneDigits).HasMaxLength(Limits.Phone);
        builder.HasIndex(p => new { p.PracticeId, p.PhoneDigits });
        builder.HasIndex(p => new { p.PracticeId, p.Email });
    }
}
