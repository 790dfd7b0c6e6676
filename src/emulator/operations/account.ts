/** Account-level BYOL settings, management CIDR ranges, and account links. */
import { DURATION } from '../clock.js';
import { conflict, invalidParameter, invalidState, notFound, validation } from '../errors.js';
import { ID_FORMAT, newId } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec, Store } from '../store.js';
import { limitOf, nowSeconds, transition, type Context, type Handlers } from './context.js';

function describeAccount(_input: Json, ctx: Context): Json {
  const { DedicatedTenancySupport, DedicatedTenancyManagementCidrRange, DedicatedTenancyAccountType } = ctx.store.accountSettings;
  return { DedicatedTenancySupport, DedicatedTenancyAccountType, ...(DedicatedTenancyManagementCidrRange ? { DedicatedTenancyManagementCidrRange } : {}) };
}

function modifyAccount(input: Json, ctx: Context): Json {
  const settings = ctx.store.accountSettings;
  if (input.DedicatedTenancySupport === 'ENABLED' && !input.DedicatedTenancyManagementCidrRange && !settings.DedicatedTenancyManagementCidrRange) {
    throw invalidParameter('DedicatedTenancyManagementCidrRange is required to enable BYOL.');
  }
  const { store } = ctx;
  if ([...store.maps.accountModifications.values()].some((r) => r.data.ModificationState === 'PENDING')) {
    throw invalidState('An account modification is still PENDING; try again once it is COMPLETED.');
  }
  // The change is recorded PENDING and takes effect when it completes (the byol duration): until
  // then DescribeAccount shows the old settings and BYOL imports / DEDICATED registrations fail.
  const seq = store.nextSeq();
  store.maps.accountModifications.set(String(seq), {
    seq,
    data: {
      ModificationState: 'PENDING',
      DedicatedTenancySupport: input.DedicatedTenancySupport ?? settings.DedicatedTenancySupport,
      ...((input.DedicatedTenancyManagementCidrRange ?? settings.DedicatedTenancyManagementCidrRange)
        ? { DedicatedTenancyManagementCidrRange: input.DedicatedTenancyManagementCidrRange ?? settings.DedicatedTenancyManagementCidrRange }
        : {}),
      StartTime: nowSeconds(ctx),
    },
  });
  transition(ctx, 'accountModifications', String(seq), 'COMPLETED', DURATION.byol);
  return {};
}

function describeModifications(input: Json, ctx: Context): Json {
  const page = pageOf('DescribeAccountModifications', ctx.store.maps.accountModifications.values(), input.NextToken, ctx.pageSize);
  return { AccountModifications: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** /16 ranges inside the constraint (AWS offers /16s from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16). */
function listCidrRanges(input: Json, ctx: Context): Json {
  const [base, bits] = String(input.ManagementCidrRangeConstraint).split('/');
  const octets = base.split('.').map(Number);
  const prefix = Number(bits);
  if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255)) || !(prefix >= 8 && prefix <= 16))
    throw invalidParameter('ManagementCidrRangeConstraint must be an IPv4 CIDR with a prefix between /8 and /16.');
  const count = Math.min(2 ** (16 - prefix), 64);
  const ranges = Array.from({ length: count }, (_, i) => {
    const second = (octets[1] & (0xff << (16 - prefix))) + i;
    return { seq: i + 1, cidr: `${octets[0]}.${second}.0.0/16` };
  });
  const page = pageOf('ListAvailableManagementCidrRanges', ranges, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { ManagementCidrRanges: page.items.map((r) => r.cidr), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

// ---- account links: the emulator plays both accounts, so Accept/Reject work on its own invitations

function requireLink(ctx: Context, linkId: string): Rec {
  const rec = ctx.store.maps.accountLinks.get(linkId);
  if (!rec) throw notFound(linkId, 'account link');
  return rec;
}

function createInvitation(input: Json, ctx: Context): Json {
  if (input.TargetAccountId === ctx.store.account) throw validation('The target account must differ from the source account.');
  const open = [...ctx.store.maps.accountLinks.values()].find(
    (l) => l.data.TargetAccountId === input.TargetAccountId && l.data.AccountLinkStatus !== 'REJECTED',
  );
  if (open) throw conflict(`Account ${input.TargetAccountId} is already invited or linked (${open.data.AccountLinkId}).`);
  const id = newId(ID_FORMAT.link[0], ID_FORMAT.link[1], (c) => ctx.store.maps.accountLinks.has(c));
  const data: Json = {
    AccountLinkId: id,
    AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
    SourceAccountId: ctx.store.account,
    TargetAccountId: input.TargetAccountId,
  };
  ctx.store.maps.accountLinks.set(id, { seq: ctx.store.nextSeq(), data });
  return { AccountLink: data };
}

/**
 * An invitation from another account arrives (admin route: the emulator holds one account's
 * view, and only the other account can send it). Conflicts as CreateAccountLinkInvitation does.
 */
export function receiveInvitation(store: Store, sourceAccountId: string): Json {
  if (!/^\d{12}$/.test(sourceAccountId) || sourceAccountId === store.account) throw validation('sourceAccountId must be another 12-digit account id.');
  const open = [...store.maps.accountLinks.values()].find(
    (l) => (l.data.SourceAccountId === sourceAccountId || l.data.TargetAccountId === sourceAccountId) && l.data.AccountLinkStatus !== 'REJECTED',
  );
  if (open) throw conflict(`Account ${sourceAccountId} is already invited or linked (${open.data.AccountLinkId}).`);
  const id = newId(ID_FORMAT.link[0], ID_FORMAT.link[1], (c) => store.maps.accountLinks.has(c));
  const data: Json = {
    AccountLinkId: id,
    AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
    SourceAccountId: sourceAccountId,
    TargetAccountId: store.account,
  };
  store.maps.accountLinks.set(id, { seq: store.nextSeq(), data });
  return data;
}

function answerInvitation(status: 'LINKED' | 'REJECTED'): (input: Json, ctx: Context) => Json {
  return (input, ctx) => {
    const rec = requireLink(ctx, input.LinkId);
    if (rec.data.AccountLinkStatus !== 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT') throw conflict(`Account link ${input.LinkId} is ${rec.data.AccountLinkStatus}.`);
    rec.data.AccountLinkStatus = status;
    return { AccountLink: rec.data };
  };
}

function deleteInvitation(input: Json, ctx: Context): Json {
  const rec = requireLink(ctx, input.LinkId);
  if (rec.data.AccountLinkStatus === 'LINKED') throw validation(`Account link ${input.LinkId} is accepted; an accepted link cannot be removed.`);
  ctx.store.maps.accountLinks.delete(input.LinkId);
  return { AccountLink: rec.data };
}

function getLink(input: Json, ctx: Context): Json {
  if (input.LinkId) return { AccountLink: requireLink(ctx, input.LinkId).data };
  const rec = [...ctx.store.maps.accountLinks.values()].find(
    (l) => l.data.TargetAccountId === input.LinkedAccountId || l.data.SourceAccountId === input.LinkedAccountId,
  );
  if (!rec) throw notFound(String(input.LinkedAccountId ?? '(none)'), 'account link');
  return { AccountLink: rec.data };
}

function listLinks(input: Json, ctx: Context): Json {
  let recs = [...ctx.store.maps.accountLinks.values()];
  if (input.LinkStatusFilter) recs = recs.filter((r) => input.LinkStatusFilter.includes(r.data.AccountLinkStatus));
  const page = pageOf('ListAccountLinks', recs, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { AccountLinks: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export const accountHandlers: Handlers = {
  DescribeAccount: describeAccount,
  ModifyAccount: modifyAccount,
  DescribeAccountModifications: describeModifications,
  ListAvailableManagementCidrRanges: listCidrRanges,
  CreateAccountLinkInvitation: createInvitation,
  AcceptAccountLinkInvitation: answerInvitation('LINKED'),
  RejectAccountLinkInvitation: answerInvitation('REJECTED'),
  DeleteAccountLinkInvitation: deleteInvitation,
  GetAccountLink: getLink,
  ListAccountLinks: listLinks,
};
