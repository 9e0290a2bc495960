namespace ServiceRecovery.Domain;

/// <summary>One save of a letter template, kept as saved: editing the template adds a version and never changes this one.</summary>
public sealed class LetterTemplateVersion
{
    private LetterTemplateVersion() { }

    internal LetterTemplateVersion(Guid templateId, int number, string name, string subject, string body, Actor by, DateTimeOffset at)
    {
        Id = Ids.New();
        TemplateId = templateId;
        Number = number;
        Name = name;
        Subject = subject;
        Body = body;
        SavedById = by.UserId;
        SavedByName = by.Name;
        SavedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string SavedById { get; private set; } = "";
    public string SavedByName { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
}
