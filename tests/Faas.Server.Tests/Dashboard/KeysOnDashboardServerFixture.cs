namespace Faas.Server.Tests.Dashboard;

/// <summary>A real server that requires keys, with a configured admin key.</summary>
public sealed class KeysOnDashboardServerFixture : DashboardServerFixture
{
    public const string AdminKey = "dashboard-admin-key-0123456789abcdef";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Faas__Security__RequireKeys"] = "true",
        ["Faas__Security__AdminKey"] = AdminKey,
    };
}
