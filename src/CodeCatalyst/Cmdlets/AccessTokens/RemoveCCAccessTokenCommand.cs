using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.AccessTokens
{
    /// <summary>
    /// Remove-CCAccessToken: deletes personal access tokens (DeleteAccessToken); whatever used them stops working.
    /// Asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CCAccessToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveCCAccessTokenCommand : CodeCatalystChangeCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        /// <summary>
        /// Token ids. Never bound from a piped object's Id: a piped workflow, project or dev environment has an Id
        /// too, and would have something else deleted. Pipe tokens themselves instead.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        /// <summary>A token from Get-CCAccessToken (or New-CCAccessToken), taken by type only.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public AccessToken? InputObject { get; set; }

        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                Remove(InputObject!.Id, InputObject.Describe());
                return;
            }

            foreach (var id in Id) Remove(id, null);
        }

        private void Remove(string id, string? description)
        {
            var input = new DeleteAccessTokenInput { Id = id };
            if (!ShouldChange(input, description ?? input.ShouldProcessTarget(), Force, id)) return;
            TryRun(token => Api.DeleteAccessTokenAsync(input, token), id, out _);
        }
    }
}
