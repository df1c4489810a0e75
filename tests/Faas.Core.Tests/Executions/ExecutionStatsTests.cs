using Faas.Core.Executions;

namespace Faas.Core.Tests.Executions;

public sealed class ExecutionStatsTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static ExecutionStats.Sample At(double minutes, string status, double? ms) =>
        new((Since + TimeSpan.FromMinutes(minutes)).ToUnixTimeMilliseconds(), status, ms);

    [Fact]
    public void Aggregate_Samples_CountsCallsAndErrorsPerBucket()
    {
        var series = ExecutionStats.Aggregate(
            [At(0, "success", 2), At(0.99, "error", 4), At(1, "timeout", 30_000), At(2.5, "success", 1), At(2.6, "pending", null)],
            Since, TimeSpan.FromMinutes(1), 3);

        Assert.Equal([(2, 1), (1, 1), (2, 0)], series.Buckets.Select(b => (b.Calls, b.Errors)));
        Assert.Equal([Since, Since.AddMinutes(1), Since.AddMinutes(2)], series.Buckets.Select(b => b.Start));
        Assert.Equal((5, 2), (series.Totals.Calls, series.Totals.Errors));
    }

    [Fact]
    public void Aggregate_OutsideTheBuckets_LeftOut()
    {
        var series = ExecutionStats.Aggregate([At(-0.01, "success", 1), At(3, "success", 1), At(1, "success", 5)], Since, TimeSpan.FromMinutes(1), 3);

        Assert.Equal(1, series.Totals.Calls);
        Assert.Equal([0, 1, 0], series.Buckets.Select(b => b.Calls));
    }

    [Fact]
    public void Aggregate_PendingAndEmptyBuckets_HaveNoLatency()
    {
        var series = ExecutionStats.Aggregate([At(0, "pending", null), At(1, "success", 7)], Since, TimeSpan.FromMinutes(1), 2);

        Assert.Equal((null, null), (series.Buckets[0].P50Ms, series.Buckets[0].P99Ms));
        Assert.Equal((7.0, 7.0), (series.Buckets[1].P50Ms, series.Buckets[1].P99Ms));
    }

    [Fact]
    public void Aggregate_HundredDurations_NearestRankPercentiles()
    {
        var samples = Enumerable.Range(1, 100).Reverse().Select(ms => At(0.5, "success", ms));

        var totals = ExecutionStats.Aggregate(samples, Since, TimeSpan.FromMinutes(1), 1).Totals;

        Assert.Equal((50.0, 99.0), (totals.P50Ms, totals.P99Ms));
    }

    [Theory]
    [InlineData(new double[] { 3 }, 0.5, 3)]
    [InlineData(new double[] { 1, 2 }, 0.5, 1)]
    [InlineData(new double[] { 1, 2 }, 0.99, 2)]
    [InlineData(new double[] { 1, 2, 3 }, 0.5, 2)]
    public void Percentile_SortedValues_NearestRank(double[] values, double p, double expected) =>
        Assert.Equal(expected, ExecutionStats.Percentile([.. values], p));

    [Fact]
    public void Percentile_NoValue_Null() => Assert.Null(ExecutionStats.Percentile([], 0.5));
}
