using System;
using System.Collections.Generic;
using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.AccessTokens
{
    /// <summary>
    /// Get-CCAccessToken: lists your personal access tokens (ListAccessTokens), never with their secrets. The API
    /// has no call for one token and no filter, so -Name, exact or a pattern, is matched against the listing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CCAccessToken", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(AccessToken))]
    public sealed class GetCCAccessTokenCommand : CodeCatalystListCmdlet
    {
        /// <summary>
        /// Token names, matched without case; wildcards allowed. Not bound from piped objects. An exact name that is
        /// not in the listing is an ObjectNotFound error.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var names = new NameFilter(Name);
            try
            {
                WritePages((next, size, token) => Api.ListAccessTokensAsync(new ListAccessTokensInput
                    {
                        NextToken = next,
                        MaxResults = WireOperations.ListAccessTokens.ClampPageSize(size),
                    }, token),
                    names.Keeper<AccessToken>(token => token.Name));
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
                WriteNameNotFound(name, "AccessTokenNotFound", $"You have no personal access token named '{name}'.",
                    "Check the token name. Get-CCAccessToken without -Name lists your personal access tokens.");
            }
        }
    }
}
