using System.Security.Cryptography;


namespace Faas.Core.Executions;

/// <summary>
/// Execution ids: <c>ex_</c>, the start time in milliseconds as 12 hex digits, then 10 random hex digits,
/// so ids sort by start time as text (and in the database) and never repeat in practice.
/// </summary>
public static class ExecutionId
{
    public const string Prefix = "ex_";

    /// <remarks>
    /// The random part is unguessable (a worker names the execution its log lines belong to), but a call to
    /// the system's generator per id cost a measurable share of a warm call: each thread draws 4 KiB at a time.
    /// </remarks>
    public static string New(DateTimeOffset now)
    {
        var ms = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        return string.Create(25, (ms, NextRandom()), static (chars, state) =>
        {
            Prefix.CopyTo(chars);
            Hex(state.ms, chars.Slice(3, 12));
            Hex(state.Item2, chars.Slice(15, 10));
        });
    }

    [ThreadStatic]
    private static byte[]? t_random;
    [ThreadStatic]
    private static int t_used;

    /// <summary>40 random bits.</summary>
    private static ulong NextRandom()
    {
        var pool = t_random ??= new byte[4096];
        if (t_used == 0 || t_used + 5 > pool.Length)
        {
            RandomNumberGenerator.Fill(pool);
            t_used = 0;
        }
        var bytes = pool.AsSpan(t_used, 5);
        t_used += 5;
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = value << 8 | b;
        }
        return value;
    }

    private static void Hex(ulong value, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--, value >>= 4)
        {
            into[i] = "0123456789abcdef"[(int)(value & 0xf)];
        }
    }

    /// <summary>True for text shaped like an id (checked before it reaches a query).</summary>
    public static bool IsValid(string? text) =>
        text is { Length: 25 } && text.StartsWith(Prefix, StringComparison.Ordinal) && text.AsSpan(3).ContainsAnyExcept("0123456789abcdef") is false;
}
