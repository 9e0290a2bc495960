namespace ServiceRecovery.Web.Features.Cases;

/// <summary>One record's correction form: which record, and the text to start from.</summary>
public sealed record CorrectFormModel(DetailsModel Page, Guid RecordId, string Text);
