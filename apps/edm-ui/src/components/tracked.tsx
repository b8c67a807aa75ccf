import { Link, type LinkProps } from "react-router";
import { useTrackClick } from "../tracking/tracking-context";

// Every control whose clicks are counted says so in the page: `data-button-id` is the `button_id` it
// sends, which also lets tests find it.

interface Tracked {
  buttonId: string;
  /** The click event's description; "button click" (the original's) unless something more specific helps. */
  description?: string;
}

export function TrackedButton({
  buttonId,
  description,
  onClick,
  type = "button",
  ...props
}: Tracked & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const track = useTrackClick();
  return (
    <button
      {...props}
      type={type}
      data-button-id={buttonId}
      onClick={(event) => {
        track(buttonId, description);
        onClick?.(event);
      }}
    />
  );
}

export function TrackedLink({ buttonId, description, onClick, ...props }: Tracked & LinkProps) {
  const track = useTrackClick();
  return (
    <Link
      {...props}
      data-button-id={buttonId}
      onClick={(event) => {
        track(buttonId, description);
        onClick?.(event);
      }}
    />
  );
}
