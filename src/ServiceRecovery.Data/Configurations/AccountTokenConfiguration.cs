using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        builder.ToTable("AccountTokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.IssuedByUserId).HasMaxLength(450);
        builder.Property(t => t.TokenHash).HasMaxLength(AccountToken.HashLength).IsFixedLength();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice>().WithMany().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Restrict);
        // The staff list's and the per-address limit's question: this person's latest links of a kind.
        builder.HasIndex(t => new { t.UserId, t.Purpose, t.CreatedAt });
    }
}
