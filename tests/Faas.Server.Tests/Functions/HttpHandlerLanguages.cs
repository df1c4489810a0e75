namespace Faas.Server.Tests.Functions;

/// <summary>
/// The languages whose HTTP handlers must meet the same contract, each with an app under
/// <c>samples/http-handler/&lt;lang&gt;/</c> answering the same routes. A language joins with its sample folder and its name here.
/// </summary>
public static class HttpHandlerLanguages
{
    public static readonly string[] Names = ["node", "ts", "py", "rb", "cs", "lua"];

    public static TheoryData<string> All => new(Names);
}
