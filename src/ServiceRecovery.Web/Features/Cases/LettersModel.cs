namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The letters of one purpose for the case page's Respond or Communicate results section, and the link to write one.</summary>
public sealed record LettersModel(DetailsModel Page, LetterPurpose Purpose)
{
    public IReadOnlyList<CaseDetails.LetterView> Letters => [.. Page.Case.Letters.Where(l => l.Purpose == Purpose)];

    public bool CanWrite => Purpose == LetterPurpose.Outcome ? Page.Case.Case.Status is CaseStatus.Open or CaseStatus.Resolved : Page.Case.IsOpen;
}
