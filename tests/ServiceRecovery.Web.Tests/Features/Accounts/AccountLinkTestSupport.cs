using System.Net;
using System.Text.RegularExpressions;

using AngleSharp.Html.Dom;

using Microsoft.AspNetCore.Mvc.Testing;

using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Features.Notifications;

namespace ServiceRecovery.Web.Tests.Features.Accounts;

/// <summary>The emailed invitation and reset links as the person gets them: from the mail the sender wrote.</summary>
internal static partial class AccountLinkTestSupport
{
    public const string NewPassword = "Tidal-lighthouse-keeper-42";

    [GeneratedRegex(@"https?://[^\s""<>]+/Account/SetPassword\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex LinkPattern();

    /// <summary>Sends what the outbox holds, then the newest link emailed to <paramref name="email"/>, as a local address.</summary>
    public static async Task<string> SendAndReadLinkAsync(this EmailTestApp test, string email)
    {
        await test.SendAsync();
        var folder = Path.Combine(test.App.DataFolder, "mail-pickup");
        var mails = Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => (File: f, Mail: MimeKit.MimeMessage.Load(f)))
            .Where(m => m.Mail.To.Mailboxes.Any(b => b.Address.Equals(email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.Mail.TextBody)
            .Select(body => LinkPattern().Match(body ?? ""))
            .Where(match => match.Success)
            .ToList();
        mails.ShouldNotBeEmpty($"an email with a link to {email}");
        return new Uri(mails[^1].Value).PathAndQuery;
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    public static WebClient Browser(this AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Opens the link and chooses a password there; the response to the post.</summary>
    public static async Task<HttpResponseMessage> ChoosePasswordAsync(this WebClient client, string link, string password = NewPassword)
    {
        var page = await client.GetPageAsync(link);
        page.QuerySelector("#set-password-form").ShouldNotBeNull($"the set-password form at {link}; the page says: {ProblemOf(page)}");
        return await client.SubmitAsync(page, "#set-password-form", new() { ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password });
    }

    public static string? ProblemOf(IHtmlDocument page) => page.QuerySelector("[data-testid=link-problem]")?.TextContent.Trim();

    /// <summary>The page a link opens, which must be a plain 200 page saying what is wrong.</summary>
    public static async Task<string> ProblemAtAsync(this WebClient client, string link)
    {
        var response = await client.Http.GetAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("#set-password-form").ShouldBeNull("a link that cannot be used shows no form");
        return ProblemOf(page) ?? throw new ShouldAssertException("no message on the page");
    }

    public static async Task<string> SignedInNameAsync(this WebClient client) =>
        (await client.GetPageAsync("/")).QuerySelector("[data-testid=signed-in-as]")!.TextContent.Trim();
}
