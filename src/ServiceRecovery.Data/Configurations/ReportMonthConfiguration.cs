using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Data.ReadModels;

namespace ServiceRecovery.Data.Configurations;

public sealed class ReportMonthConfiguration : IEntityTypeConfiguration<ReportMonth>
{
    public void Configure(EntityTypeBuilder<ReportMonth> builder)
    {
        builder.ToTable("ReportMonths");
        builder.HasKey(m => new { m.PracticeId, m.Month });
    }
}

public sealed class ReportTallyConfiguration : IEntityTypeConfiguration<ReportTally>
{
    public void Configure(EntityTypeBuilder<ReportTally> builder)
    {
        builder.ToTable("ReportTallies");
        builder.HasKey(t => new { t.PracticeId, t.Month, t.Figure, t.KeyId, t.Bucket });
        builder.Property(t => t.Amount).HasPrecision(18, 2);
    }
}
