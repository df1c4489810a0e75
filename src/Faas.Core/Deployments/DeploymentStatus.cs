namespace Faas.Core.Deployments;

/// <summary>The Hub's statuses: <c>create</c> (uploaded or starting), <c>ready</c>, <c>fail</c>.</summary>
public enum DeploymentStatus
{
    Create,
    Ready,
    Fail,
}
