namespace Faas.Server.Tests.Dashboard;

/// <summary>A real server that accepts uploads up to 64 KiB: small apps deploy, a folder with a larger file is refused.</summary>
public sealed class SmallUploadDashboardServerFixture : DashboardServerFixture
{
    public const long MaxUploadBytes = 64 * 1024;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Faas__Storage__MaxPackageBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
