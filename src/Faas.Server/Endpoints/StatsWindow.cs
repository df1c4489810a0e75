using System.Globalization;
using Faas.Core;

namespace Faas.Server.Endpoints;

/// <summary>
/// <c>?window=</c> of the statistics routes: a whole number of minutes, hours or days (<c>30m</c>, <c>1h</c>, <c>7d</c>),
/// from one minute to <see cref="Max"/>; <c>1h</c> when absent. Cut in at most <see cref="MaxBuckets"/> buckets of whole minutes.
/// </summary>
internal readonly record struct StatsWindow(string Text, TimeSpan Length)
{
    public const int MaxBuckets = 60;
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    public TimeSpan Bucket => TimeSpan.FromMinutes(Math.Ceiling(Length.TotalMinutes / MaxBuckets));

    public int BucketCount => (int)Math.Ceiling(Length / Bucket);

    /// <summary>The first bucket's start: buckets are aligned on whole buckets and the last one holds <paramref name="now"/>.</summary>
    public DateTimeOffset Since(DateTimeOffset now)
    {
        var size = Bucket.Ticks;
        var end = new DateTimeOffset((now.UtcTicks / size * size) + size, TimeSpan.Zero);
        return end - (Bucket * BucketCount);
    }

    public static StatsWindow From(HttpRequest request)
    {
        var text = request.Query["window"].ToString();
        if (text.Length == 0)
        {
            return new StatsWindow("1h", TimeSpan.FromHours(1));
        }
        TimeSpan? length = text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= Max.TotalMinutes
            ? text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            }
            : null;
        return length is { } l && l <= Max
            ? new StatsWindow(text, l)
            : throw new FaasException(FaasError.BadRequest, $"?window= must be a whole number of minutes, hours or days (30m, 1h, 7d) up to 7d, not '{text}'.");
    }
}
