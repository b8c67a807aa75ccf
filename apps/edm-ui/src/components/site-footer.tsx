import { Logo } from "./logo";
import { PendingEvents } from "./pending-events";
import { SocialIcon, type SocialNetwork } from "./social-icon";
import { useToast } from "./toast";
import { TrackedButton, TrackedLink } from "./tracked";

const SOCIAL: { id: SocialNetwork; verb: string; name: string }[] = [
  { id: "twitter", verb: "Follow on", name: "Twitter" },
  { id: "facebook", verb: "Like us on", name: "Facebook" },
  { id: "instagram", verb: "Follow on", name: "Instagram" },
];

export function SiteFooter() {
  const toast = useToast();
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <div className="footer-brand">
          <Logo tone="light" />
          <p>Curated coffee gear and complete brewing kits, since 2015.</p>
        </div>
        <nav aria-label="About Fix" className="footer-links">
          <TrackedLink to="/about" buttonId="about">
            About
          </TrackedLink>
          <TrackedLink to="/support" buttonId="support">
            Support
          </TrackedLink>
          <TrackedLink to="/contact" buttonId="contact-us">
            Contact Us
          </TrackedLink>
        </nav>
        <ul className="social-links" aria-label="Social">
          {SOCIAL.map(({ id, verb, name }) => (
            <li key={id}>
              <TrackedButton
                buttonId={id}
                className="social-button"
                onClick={() =>
                  toast(`Fix is a demo shop with no ${name} account, but your click was counted.`)
                }
              >
                <SocialIcon network={id} />
                <span>
                  <span className="social-verb">{verb}</span> <span className="social-name">{name}</span>
                </span>
              </TrackedButton>
            </li>
          ))}
        </ul>
      </div>
      <div className="footer-base">
        <p>A mock shop: nothing is sold, every click becomes an event.</p>
        <PendingEvents />
      </div>
    </footer>
  );
}
