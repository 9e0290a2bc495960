using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceRecovery.Web.Email;

/// <summary>Where an email goes: an SMTP server, or (with none configured) a folder.</summary>
public interface IEmailTransport
{
    /// <summary>A short description for the administrators' outbox page.</summary>
    string Description { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends through the configured SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public string Description => $"SMTP server {Smtp.Host}:{Smtp.Port}";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = Smtp.TimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(Smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(Smtp.Host, Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(Smtp.UserName))
        {
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Writes each message as an .eml file: the embedded default, for a practice without a mail server yet.</summary>
public sealed class PickupFolderEmailTransport(string folder, TimeProvider clock) : IEmailTransport
{
    public string Folder { get; } = folder;

    public string Description => "pickup folder (no SMTP server is configured)";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        // Whole files only: a mail program watching the folder never sees half a message.
        File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
    }
}
