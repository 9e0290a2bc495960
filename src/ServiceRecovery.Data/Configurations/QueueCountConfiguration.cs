using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Data.ReadModels;

namespace ServiceRecovery.Data.Configurations;

public sealed class QueueCountConfiguration : IEntityTypeConfiguration<QueueCount>
{
    public void Configure(EntityTypeBuilder<QueueCount> builder)
    {
        builder.ToTable("QueueCounts");
        builder.HasKey(q => new { q.PracticeId, q.Status, q.Step, q.Severity });
    }
}
