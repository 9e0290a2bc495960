using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class ServiceDefectConfiguration : IEntityTypeConfiguration<ServiceDefect>
{
    public void Configure(EntityTypeBuilder<ServiceDefect> builder)
    {
        builder.ToTable("ServiceDefects");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Description).HasMaxLength(Limits.Description);
        builder.Property(d => d.LoggedById).HasMaxLength(450);
        builder.Property(d => d.LoggedByName).HasMaxLength(Limits.Name);
        builder.HasOne<Practice>().WithMany().HasForeignKey(d => d.PracticeId);
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId);
        builder.HasOne<CxStage>().WithMany().HasForeignKey(d => d.StageId);
        builder.HasOne<DefectCategory>().WithMany().HasForeignKey(d => d.CategoryId);
        builder.HasIndex(d => new { d.PracticeId, d.OccurredAt });
    }
}
