namespace Faas.Cli.Folders;

internal enum DeployState
{
    /// <summary>Its content changed (or it was never deployed): a new version was deployed.</summary>
    Built,

    /// <summary>Its content hash is the active version's: nothing was sent.</summary>
    UpToDate,

    /// <summary>Hashing, uploading or the deploy failed; the active version (if any) keeps serving.</summary>
    Failed,
}
