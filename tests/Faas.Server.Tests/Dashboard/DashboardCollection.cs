namespace Faas.Server.Tests.Dashboard;

/// <summary>The browser tests run one class at a time: each starts a server process and a Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection
{
    public const string Name = "Dashboard browser";
}
