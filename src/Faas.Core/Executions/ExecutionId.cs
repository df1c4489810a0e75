using System.Globalization;
using System.Security.Cryptography;

namespace Faas.Core.Executions;

/// <summary>
/// Execution ids: <c>ex_</c>, the start time in milliseconds as 12 hex digits, then 10 random hex digits,
/// so ids sort by start time as text (and in the database) and never repeat in practice.
/// </summary>
public static class ExecutionId
{
    public const string Prefix = "ex_";

    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        var ms = Math.Max(0, now.ToUnixTimeMilliseconds());
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{ms:x12}{Convert.ToHexStringLower(random)}");
    }

    /// <summary>True for text shaped like an id (checked before it reaches a query).</summary>
    public static bool IsValid(string? text) =>
        text is { Length: 25 } && text.StartsWith(Prefix, StringComparison.Ordinal) && text.AsSpan(3).ContainsAnyExcept("0123456789abcdef") is false;
}
