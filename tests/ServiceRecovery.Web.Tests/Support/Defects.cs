using System.Net;
using AngleSharp.Html.Dom;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>Logging defects through the real form, as front-desk staff do.</summary>
public static class Defects
{
    public const string Description = "I waited 40 minutes past my appointment time with no explanation.";

    public static Dictionary<string, string?> Form(IHtmlDocument page, string patientName = "Olivia Nguyen", string? description = Description)
    {
        var stage = page.QuerySelector("#Input_StageId option[value]:not([value=''])")!.GetAttribute("value");
        return new Dictionary<string, string?>
        {
            ["Input.PatientName"] = patientName,
            ["Input.PatientPhone"] = "0412 345 678",
            ["Input.PatientEmail"] = "olivia@example.com",
            ["Input.StageId"] = stage,
            ["Input.Description"] = description,
        };
    }

    /// <summary>Logs a defect and returns the new case's page address.</summary>
    public static async Task<string> LogAsync(WebClient client, string patientName = "Olivia Nguyen")
    {
        var page = await client.GetPageAsync("/defects/log");
        var response = await client.SubmitAsync(page, "#log-defect-form", Form(page, patientName));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    public static Guid CaseIdOf(string caseUrl) => Guid.Parse(caseUrl.Split('/').Last());
}
