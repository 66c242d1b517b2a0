using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;
using CodeCatalyst.Core;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>Get-CCAmplifyApp: lists the Amplify apps of the Region (ListApps) or gets apps by id (GetApp).</summary>
    [Cmdlet(VerbsCommon.Get, "CCAmplifyApp", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(App))]
    public sealed class GetCCAmplifyAppCommand : AmplifyListCmdlet
    {
        private const string AppIdSet = "AppId";

        /// <summary>App names, with wildcards; ListApps has no filter, so the listing is filtered here.</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>App ids (d2abc...); an app, branch or job object binds by its AppId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AppIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] AppId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == AppIdSet)
            {
                foreach (var appId in AppId)
                {
                    if (TryRun(token => Api.GetAppAsync(new GetAppInput { AppId = appId }, token), appId, out var app)) WriteObject(app);
                }

                return;
            }

            var names = new NameFilter(Name);
            try
            {
                WritePages((next, size, token) => Api.ListAppsAsync(new ListAppsInput
                    {
                        NextToken = next,
                        MaxResults = WireOperations.ListApps.ClampPageSize(size),
                    }, token),
                    names.Keeper<App>(app => app.Name));
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, null);
                return;
            }

            // With -First the listing may stop before a name comes up, so absence is known only from a full listing.
            if (First != ulong.MaxValue) return;
            foreach (var name in names.UnseenExactNames)
            {
                WriteNameNotFound(name, "AmplifyAppNotFound", $"No Amplify app in this Region is named '{name}'.",
                    "Check the name and -Region. Get-CCAmplifyApp without -Name lists the apps of the Region.");
            }
        }
    }
}
