using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.DevEnvironments
{
    /// <summary>Remove-CCDevEnvironment: deletes a dev environment and its storage (DeleteDevEnvironment). Asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "CCDevEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(DevEnvironment))]
    public sealed class RemoveCCDevEnvironmentCommand : DevEnvironmentChangeCmdlet
    {
        /// <summary>Deletes without asking (-WhatIf and an explicit -Confirm still apply).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the dev environment as the service reports it after the request (DELETING).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveTarget(out var space, out var project)) return;
            var input = new DeleteDevEnvironmentInput { SpaceName = space, ProjectName = project, Id = Id };
            if (!ShouldChange(input, input.ShouldProcessTarget(), Force, Id)) return;
            if (TryRun(token => Api.DeleteDevEnvironmentAsync(input, token), Id, out _) && PassThru) WritePassThru(space, project);
        }

        private void WritePassThru(string? space, string? project)
        {
            try
            {
                WriteObject(Run(token => Api.GetDevEnvironmentAsync(new GetDevEnvironmentInput { SpaceName = space, ProjectName = project, Id = Id }, token)));
            }
            catch (CodeCatalystResourceNotFoundException)
            {
                // Already gone: the service no longer describes it, so say what is known.
                WriteObject(new DevEnvironment { SpaceName = space, ProjectName = project, Id = Id, Status = DevEnvironmentStatus.Deleted });
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, Id);
            }
        }
    }
}
