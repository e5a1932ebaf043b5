// panva/oidc-provider (certified by the OpenID Foundation) as a stand-in for a real provincial
// SSO that nobody here wrote. It speaks another dialect than our own stand-in on purpose: other
// claim names, numeric account types, business claims in userinfo only, no login_hint needed.
// devInteractions: any login name and password; the name picks the account below.
import Provider from "oidc-provider";

const port = Number(process.env.PORT || 3000);
const issuer = process.env.ISSUER || `http://127.0.0.1:${port}`;
const platform = process.env.PLATFORM_ORIGIN || "http://127.0.0.1:8000";

// The demo accounts of `make run`, so the demo units and staff fit them.
const ACCOUNTS = {
  zhangsan: { real_name: "张三", idcard: "340104198805123012", mobile: "13805510001", user_type: "1" },
  lisi: { real_name: "李四", idcard: "340123199003014029", mobile: "13905510002", user_type: "1" },
  hfyz: {
    real_name: "王校长", idcard: "110105197008152012", mobile: "13605510003", user_type: "2",
    corp_name: "合肥市第一中学", corp_credit_code: "12340100485960512Q",
  },
  xjkj: {
    real_name: "吴总经理", idcard: "110105197203041019", mobile: "13605510004", user_type: "2",
    corp_name: "合肥新境科技有限公司", corp_credit_code: "91340104MA2N1R7L5P",
  },
};

const configuration = {
  clients: [
    {
      client_id: process.env.CLIENT_ID || "zhicheng-platform",
      client_secret: process.env.CLIENT_SECRET || "external-sso-secret",
      redirect_uris: [`${platform}/accounts/oidc/anhui/login/callback/`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    profile: ["real_name", "idcard", "user_type", "corp_name", "corp_credit_code"],
    phone: ["mobile"],
  },
  async findAccount(ctx, id) {
    // An unknown login name gets no business claims: the platform must refuse it, not guess.
    const claims = ACCOUNTS[id] || { real_name: id };
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["zhicheng-external-sso-check-only"] },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider: ${issuer}/.well-known/openid-configuration`);
});
