using System.Globalization;

namespace Faas.Core.Executions;

/// <summary>
/// Aggregates of the execution history for charts and the apps list: calls, errors (<c>error</c> and
/// <c>timeout</c>) and latency percentiles per time bucket. Rows are read by start time through the
/// <c>(app, id)</c> index, since ids begin with the start time.
/// </summary>
public static class ExecutionStats
{
    /// <summary>An app's executions started from <paramref name="since"/> on, in start order, in <paramref name="count"/> buckets of <paramref name="bucket"/>.</summary>
    public static StatsSeries Series(ExecutionStore store, string app, DateTimeOffset since, TimeSpan bucket, int count)
    {
        var samples = new List<Sample>();
        using (var connection = store.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT started_at, status, duration_ms FROM executions WHERE app = $app AND id >= $from ORDER BY id";
            command.Parameters.AddWithValue("$app", app);
            command.Parameters.AddWithValue("$from", LowestId(since));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                samples.Add(new Sample(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
            }
        }
        return Aggregate(samples, since, bucket, count);
    }

    /// <summary>Calls and errors per app since <paramref name="since"/>, apps with none left out.</summary>
    public static IReadOnlyList<AppCallCount> CountsByApp(ExecutionStore store, DateTimeOffset since)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT app, count(*), sum(status IN ($error, $timeout)) FROM executions WHERE id >= $from GROUP BY app ORDER BY app";
        command.Parameters.AddWithValue("$from", LowestId(since));
        command.Parameters.AddWithValue("$error", ExecutionStatus.Error);
        command.Parameters.AddWithValue("$timeout", ExecutionStatus.Timeout);
        var counts = new List<AppCallCount>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts.Add(new AppCallCount(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }
        return counts;
    }

    /// <summary>Puts samples (unix ms start, status, duration) in buckets; samples outside the buckets are ignored.</summary>
    internal static StatsSeries Aggregate(IEnumerable<Sample> samples, DateTimeOffset since, TimeSpan bucket, int count)
    {
        var start = since.ToUnixTimeMilliseconds();
        var size = (long)bucket.TotalMilliseconds;
        var calls = new int[count];
        var errors = new int[count];
        var durations = new List<double>[count];
        var all = new List<double>();
        for (var i = 0; i < count; i++)
        {
            durations[i] = [];
        }
        foreach (var sample in samples)
        {
            var i = sample.StartedAtMs < start ? -1 : (sample.StartedAtMs - start) / size;
            if (i < 0 || i >= count)
            {
                continue;
            }
            calls[i]++;
            if (sample.Status is ExecutionStatus.Error or ExecutionStatus.Timeout)
            {
                errors[i]++;
            }
            if (sample.DurationMs is { } ms && sample.Status != ExecutionStatus.Pending)
            {
                durations[i].Add(ms);
                all.Add(ms);
            }
        }
        var buckets = new StatsBucket[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = Bucket(since + (bucket * i), calls[i], errors[i], durations[i]);
        }
        return new StatsSeries(Bucket(since, calls.Sum(), errors.Sum(), all), buckets);
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1) of sorted values; null when there are none.</summary>
    internal static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The smallest id an execution started at <paramref name="since"/> can have (ids begin with the start time in hex).</summary>
    private static string LowestId(DateTimeOffset since) =>
        string.Create(CultureInfo.InvariantCulture, $"{ExecutionId.Prefix}{Math.Max(0, since.ToUnixTimeMilliseconds()):x12}");

    private static StatsBucket Bucket(DateTimeOffset start, int calls, int errors, List<double> durations)
    {
        durations.Sort();
        return new StatsBucket(start, calls, errors, Percentile(durations, 0.50), Percentile(durations, 0.99));
    }

    /// <summary>One execution as the statistics see it.</summary>
    internal readonly record struct Sample(long StartedAtMs, string Status, double? DurationMs);
}
