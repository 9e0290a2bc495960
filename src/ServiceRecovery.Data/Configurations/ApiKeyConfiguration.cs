using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(Limits.Name);
        builder.Property(k => k.Scopes).HasMaxLength(200);
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedById).HasMaxLength(450);
        builder.Property(k => k.CreatedByName).HasMaxLength(Limits.Name);
        builder.Property(k => k.RevokedById).HasMaxLength(450);
        builder.Property(k => k.RevokedByName).HasMaxLength(Limits.Name);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.Ignore(k => k.ScopeList);
        builder.HasOne<Practice>().WithMany().HasForeignKey(k => k.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => new { k.PracticeId, k.CreatedAt });
    }
}
