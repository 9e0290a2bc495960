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
        builder.Property(p => p.OtherPhone).HasMaxLength(Limits.Phone);
        builder.Property(p => p.PhoneE164).HasMaxLength(PhoneE164Length);
        builder.Property(p => p.OtherPhoneE164).HasMaxLength(PhoneE164Length);
        builder.HasIndex(p => new { p.PracticeId, p.PhoneE164 });
        builder.HasIndex(p => new { p.PracticeId, p.OtherPhoneE164 });
        builder.HasIndex(p => new { p.PracticeId, p.Email });
        builder.HasIndex(p => new { p.PracticeId, p.ExternalId });
        // The retention job's search: a practice's patients whose details are still kept.
        builder.HasIndex(p => new { p.PracticeId, p.DetailsRemovedAt });
        // The retention job's update is conditional on the details still being kept: two instances record a removal once.
        builder.Property(p => p.DetailsRemovedAt).IsConcurrencyToken();
    }

    /// <summary>"+" and at most 15 digits.</summary>
    private const int PhoneE164Length = 16;
}

internal sealed class PatientImportUploadConfiguration : IEntityTypeConfiguration<PatientImportUpload>
{
    public void Configure(EntityTypeBuilder<PatientImportUpload> builder)
    {
        builder.ToTable("PatientImportUploads");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.UploadedById).HasMaxLength(450);
        builder.Property(u => u.Content).HasMaxLength(PatientImportUpload.MaxBytes);
        builder.HasOne<Practice>().WithMany().HasForeignKey(u => u.PracticeId);
        builder.HasIndex(u => u.UploadedAt);
    }
}
