namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Base of the CodeCatalyst cmdlets that create, change, start, stop or delete: -WhatIf and -Confirm name the
    /// resource and its parents (the operation table's target), and -Force skips the confirmation of the Remove
    /// cmdlets. The check itself, ShouldChange, is CodeCatalystCmdlet's, so the Amplify cmdlets share it.
    /// </summary>
    public abstract class CodeCatalystChangeCmdlet : CodeCatalystServiceCmdlet
    {
    }
}
