using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("Appointments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasOne<Practice>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        // The PMS's id is the key of an update: one row per appointment of the practice.
        builder.HasIndex(a => new { a.PracticeId, a.ExternalId }).IsUnique();
        // A patient's visits in order (returns, warnings, the behaviour report); the day's bookings (welcome back).
        builder.HasIndex(a => new { a.PatientId, a.StartsAt });
        builder.HasIndex(a => new { a.PracticeId, a.StartsAt });
        // The behaviour report's baseline: a period's attended visits of the practice, by patient, from the index alone.
        builder.HasIndex(a => new { a.PracticeId, a.Status, a.StartsAt, a.PatientId });
    }
}
