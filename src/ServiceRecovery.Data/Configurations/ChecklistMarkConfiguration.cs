using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class ChecklistMarkConfiguration : IEntityTypeConfiguration<ChecklistMark>
{
    public void Configure(EntityTypeBuilder<ChecklistMark> builder)
    {
        builder.ToTable("ChecklistMarks");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.ActorId).HasMaxLength(450);
        builder.Property(m => m.ActorName).HasMaxLength(Limits.Name);
        builder.HasOne<Practice>().WithMany().HasForeignKey(m => m.PracticeId).OnDelete(DeleteBehavior.Restrict);

        // The home page's question, per practice and kind: is there one, and which is the latest?
        builder.HasIndex(m => new { m.PracticeId, m.Kind, m.At });
    }
}
