/** The one STS call wsr needs (the account guard): GetCallerIdentity, in the AWS Query protocol the SDK uses. */
const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface XmlAnswer {
  status: number;
  body: string;
}

export function answerSts(form: URLSearchParams, account: string, requestId: string): XmlAnswer {
  const action = form.get('Action');
  if (action !== 'GetCallerIdentity') {
    return {
      status: 400,
      body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The emulator answers only GetCallerIdentity, not ${escapeXml(action ?? '(none)')}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  return {
    status: 200,
    body: `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/wsr-emulator</Arn><UserId>AIDAWSREMULATOR000001</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
