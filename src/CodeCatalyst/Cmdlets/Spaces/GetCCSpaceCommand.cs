using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Get-CCSpace: lists the spaces the token can see (ListSpaces) or gets spaces by name (GetSpace).</summary>
    [Cmdlet(VerbsCommon.Get, "CCSpace", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Space))]
    public sealed class GetCCSpaceCommand : CodeCatalystListCmdlet
    {
        /// <summary>Space names; wildcards list the spaces and keep the matching ones (ListSpaces has no filter).</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var names = new NameFilter(Name);
            foreach (var name in names.ExactNames)
            {
                if (TryRun(token => Api.GetSpaceAsync(new GetSpaceInput { Name = name }, token), name, out var space)) WriteObject(space);
            }

            if (Name != null && !names.HasPatterns) return;
            try
            {
                WritePages((next, size, token) => Api.ListSpacesAsync(new ListSpacesInput { NextToken = next }, token),
                    names.HasPatterns ? space => names.Matches(space.Name) : (System.Func<Space, bool>?)null);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, null);
            }
        }
    }
}
