using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DedupKey).HasMaxLength(200);
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.Property(m => m.RecipientUserId).HasMaxLength(450);
        builder.Property(m => m.RecipientAddress).HasMaxLength(Limits.Email);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(300);
        builder.Property(m => m.SecretLink).HasMaxLength(OutboxMessage.MaxSecretLinkLength);
        builder.Property(m => m.SenderName).HasMaxLength(OutboxMessage.MaxSenderNameLength);
        builder.Property(m => m.ReplyTo).HasMaxLength(Limits.Email);
        builder.HasOne<Practice>().WithMany().HasForeignKey(m => m.PracticeId).OnDelete(DeleteBehavior.Restrict);

        // The sender's question: what is pending and due?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The administrators' page: newest first.
        builder.HasIndex(m => new { m.PracticeId, m.CreatedAt });
        // The getting-started checklist's question: the practice's latest test email, and has one been sent?
        builder.HasIndex(m => new { m.PracticeId, m.Kind, m.CreatedAt });
    }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> builder)
    {
        builder.ToTable("DigestRuns");
        builder.HasKey(r => new { r.PracticeId, r.LocalDate });
        builder.HasOne<Practice>().WithMany().HasForeignKey(r => r.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
