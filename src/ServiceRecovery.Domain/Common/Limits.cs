namespace ServiceRecovery.Domain;

/// <summary>Field lengths shared by the rules, the validators and the database columns.</summary>
public static class Limits
{
    public const int Name = 120;
    public const int ShortText = 200;
    public const int Reason = 1000;
    public const int Description = 4000;
    public const int Phone = 40;
    public const int Email = 254;
    public const int ExternalId = 64;
    public const decimal MaxGestureAmount = 100_000m;
}
