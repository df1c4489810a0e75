using System.Globalization;
using System.Text;

namespace Faas.Core.Services;

/// <summary>
/// Go's reference-time layouts (<c>2006-01-02 15:04:05</c>), as the reference's Lua <c>time.format</c>
/// and <c>time.parse</c> take them: formatted by hand, parsed through the equivalent .NET pattern. Times are UTC.
/// </summary>
internal static class GoTimeLayout
{
    // Longest first, so "January" wins over "Jan" and "2006" over "2".
    private static readonly (string Go, string Net)[] Tokens =
    [
        ("January", "MMMM"), ("Monday", "dddd"), ("Z07:00", "zzz"), ("-07:00", "zzz"), ("-0700", "zzz"), ("2006", "yyyy"),
        (".000000000", ".fffffff"), (".000000", ".ffffff"), (".000", ".fff"), (".999999999", ".FFFFFFF"), (".999999", ".FFFFFF"), (".999", ".FFF"),
        ("Jan", "MMM"), ("Mon", "ddd"), ("MST", "'UTC'"), ("002", "DDD"), ("_2", "%d"),
        ("01", "MM"), ("02", "dd"), ("03", "hh"), ("04", "mm"), ("05", "ss"), ("06", "yy"), ("15", "HH"), ("PM", "tt"), ("pm", "tt"),
        ("1", "%M"), ("2", "%d"), ("3", "%h"), ("4", "%m"), ("5", "%s"),
    ];

    public static string Format(DateTimeOffset time, string layout)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(layout, i, t.Go, 0, t.Go.Length) == 0).Go;
            if (token is null)
            {
                text.Append(layout[i++]);
                continue;
            }
            text.Append(token switch
            {
                "002" => time.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                "_2" => time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                "-0700" => time.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal),
                "Z07:00" => time.Offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture),
                "pm" => time.ToString("tt", CultureInfo.InvariantCulture).ToLowerInvariant(),
                "MST" => time.Offset == TimeSpan.Zero ? "UTC" : time.ToString("zzz", CultureInfo.InvariantCulture),
                _ when token.StartsWith(".9", StringComparison.Ordinal) => Trimmed(time, token.Length - 1),
                _ => time.ToString(Tokens.First(t => t.Go == token).Net, CultureInfo.InvariantCulture),
            });
            i += token.Length;
        }
        return text.ToString();
    }

    public static bool TryParse(string value, string layout, out DateTimeOffset time)
    {
        var pattern = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(layout, i, t.Go, 0, t.Go.Length) == 0);
            if (token.Go is null)
            {
                var c = layout[i++];
                pattern.Append(char.IsLetterOrDigit(c) || c is '\'' or '"' or '\\' or '%' or ':' or '/' ? $"\\{c}" : c.ToString());
                continue;
            }
            pattern.Append(token.Go == "Z07:00" ? "K" : token.Net.TrimStart('%'));
            i += token.Go.Length;
        }
        var net = pattern.Length == 1 ? "%" + pattern : pattern.ToString();
        if (layout.Contains("-0700", StringComparison.Ordinal))
        {
            // .NET's zzz wants a colon: put one in the value's offset.
            value = System.Text.RegularExpressions.Regex.Replace(value, @"([+-]\d\d)(\d\d)\b", "$1:$2");
        }
        return DateTimeOffset.TryParseExact(value, net, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static string Trimmed(DateTimeOffset time, int digits)
    {
        var fraction = (time.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture)[..Math.Min(7, digits)].TrimEnd('0');
        return fraction.Length == 0 ? "" : "." + fraction;
    }
}
