using System.Management.Automation;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that create, change, start, stop or delete: -WhatIf and -Confirm name the resource and
    /// its parents (the operation table's target), and -Force skips the confirmation of the Remove cmdlets.
    /// </summary>
    public abstract class CodeCatalystChangeCmdlet : CodeCatalystServiceCmdlet
    {
        /// <summary>
        /// True when the change may go ahead: the input passes the model's checks (else its error is written); -WhatIf says what would happen and returns false; a confirmation is
        /// asked as $ConfirmPreference and the cmdlet's impact require, unless -Force was given without -Confirm.
        /// </summary>
        internal bool ShouldChange(Wire.IWireInput input, string target, bool force, object? errorTarget)
        {
            // Bad input is an error even under -WhatIf, before anything is confirmed or sent.
            try
            {
                input.ToRequest();
            }
            catch (CodeCatalystInputException exception)
            {
                WriteFailure(exception, errorTarget);
                return false;
            }

            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIfValue)
                ? ((SwitchParameter)whatIfValue).IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is bool preference && preference
                  || SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter switchPreference && switchPreference.IsPresent;
            if (force && !whatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                WriteVerbose($"{MyInvocation.MyCommand.Name}: {target} (-Force: not confirmed).");
                return true;
            }

            return ShouldProcess(target);
        }
    }
}
