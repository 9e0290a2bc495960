using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.Configurations;

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> builder)
    {
        builder.ToTable("LetterTemplates");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(LetterTemplate.NameLength);
        builder.Property(t => t.Subject).HasMaxLength(LetterTemplate.SubjectLength);
        builder.Property(t => t.Body).HasMaxLength(LetterTemplate.BodyLength);
        builder.Property(t => t.LastSavedByName).HasMaxLength(Limits.Name);
        builder.Property(t => t.ArchivedByName).HasMaxLength(Limits.Name);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Practice>().WithMany().HasForeignKey(t => t.PracticeId);
        builder.HasIndex(t => new { t.PracticeId, t.Kind });
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId);
        builder.Navigation(t => t.Versions).HasField("_versions");
    }
}

internal sealed class LetterTemplateVersionConfiguration : IEntityTypeConfiguration<LetterTemplateVersion>
{
    public void Configure(EntityTypeBuilder<LetterTemplateVersion> builder)
    {
        builder.ToTable("LetterTemplateVersions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Name).HasMaxLength(LetterTemplate.NameLength);
        builder.Property(v => v.Subject).HasMaxLength(LetterTemplate.SubjectLength);
        builder.Property(v => v.Body).HasMaxLength(LetterTemplate.BodyLength);
        builder.Property(v => v.SavedById).HasMaxLength(450);
        builder.Property(v => v.SavedByName).HasMaxLength(Limits.Name);
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
    }
}
