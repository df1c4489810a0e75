namespace Faas.Server.Tests.Contract;

/// <summary>
/// The languages whose workers must meet the shared contract, each with an app under
/// <c>samples/contract/&lt;lang&gt;/</c> exporting the same functions.
/// </summary>
public static class ContractLanguages
{
    public static readonly string[] Names = ["node", "py", "rb", "ts", "cs"];

    public static TheoryData<string> All => new(Names);
}
