using System.Security.Cryptography;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// A random first password that a manager reads out or writes down for a new colleague: 16 characters
/// in groups of four, without look-alikes (0/O, 1/l/I), always with an upper-case letter, a lower-case
/// letter and a digit so it meets the password policy.
/// </summary>
public static class InitialPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Alphabet = Upper + Lower + Digits;

    public static string Generate()
    {
        while (true)
        {
            var raw = RandomNumberGenerator.GetString(Alphabet, 16);
            if (raw.Any(Upper.Contains) && raw.Any(Lower.Contains) && raw.Any(Digits.Contains))
            {
                return string.Join('-', raw.Chunk(4).Select(group => new string(group)));
            }
        }
    }
}
