'use client';

import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type PointerEvent,
} from 'react';
import styles from './review.module.css';

const MIN_ZOOM = 1;
const MAX_ZOOM = 8;
const ZOOM_STEP = 1.25;
// One arrow press moves a tenth of the visible frame, whatever the zoom.
const PAN_FRACTION = 0.1;

export interface ImageViewerHandle {
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
  /** Moves the view by a fraction of the frame; does nothing at zoom 1 (returns false). */
  pan: (dx: number, dy: number) => boolean;
}

interface View {
  zoom: number;
  /** Offset of the image centre from the frame centre, in frame fractions. */
  x: number;
  y: number;
}

function clampView({ zoom, x, y }: View): View {
  const clampedZoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  // The image may move until its edge reaches the frame's edge, not further.
  const limit = (clampedZoom - 1) / 2;
  return {
    zoom: clampedZoom,
    x: Math.min(limit, Math.max(-limit, x)),
    y: Math.min(limit, Math.max(-limit, y)),
  };
}

/** The item's image with zoom (buttons, keys, wheel) and pan (drag, arrow keys). */
export const ImageViewer = forwardRef<ImageViewerHandle, { src: string; alt: string }>(
  function ImageViewer({ src, alt }, ref) {
    const [view, setView] = useState<View>({ zoom: 1, x: 0, y: 0 });
    const frame = useRef<HTMLDivElement>(null);
    const drag = useRef<{ pointerId: number; lastX: number; lastY: number } | null>(null);

    const zoomBy = useCallback(
      (factor: number) =>
        setView((current) => clampView({ ...current, zoom: current.zoom * factor })),
      [],
    );
    const pan = useCallback(
      (dx: number, dy: number) => {
        if (view.zoom <= MIN_ZOOM) return false;
        setView((current) =>
          clampView({
            ...current,
            x: current.x - dx * PAN_FRACTION * current.zoom,
            y: current.y - dy * PAN_FRACTION * current.zoom,
          }),
        );
        return true;
      },
      [view.zoom],
    );

    useImperativeHandle(
      ref,
      () => ({
        zoomIn: () => zoomBy(ZOOM_STEP),
        zoomOut: () => zoomBy(1 / ZOOM_STEP),
        reset: () => setView({ zoom: 1, x: 0, y: 0 }),
        pan,
      }),
      [zoomBy, pan],
    );

    // React's wheel listener is passive; zooming must stop the page from scrolling as well.
    useEffect(() => {
      const element = frame.current;
      if (!element) return;
      const onWheel = (event: globalThis.WheelEvent) => {
        event.preventDefault();
        zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      };
      element.addEventListener('wheel', onWheel, { passive: false });
      return () => element.removeEventListener('wheel', onWheel);
    }, [zoomBy]);

    function onPointerDown(event: PointerEvent<HTMLDivElement>) {
      if (view.zoom <= MIN_ZOOM) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      drag.current = { pointerId: event.pointerId, lastX: event.clientX, lastY: event.clientY };
    }

    function onPointerMove(event: PointerEvent<HTMLDivElement>) {
      const current = drag.current;
      const box = frame.current?.getBoundingClientRect();
      if (!current || current.pointerId !== event.pointerId || !box) return;
      const dx = (event.clientX - current.lastX) / box.width;
      const dy = (event.clientY - current.lastY) / box.height;
      drag.current = { ...current, lastX: event.clientX, lastY: event.clientY };
      setView((previous) => clampView({ ...previous, x: previous.x + dx, y: previous.y + dy }));
    }

    function endDrag() {
      drag.current = null;
    }

    const percent = Math.round(view.zoom * 100);
    return (
      <figure className={styles.viewer}>
        <div
          ref={frame}
          className={styles.viewerFrame}
          data-zoomed={view.zoom > MIN_ZOOM ? 'true' : undefined}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
        >
          {/* Served by our image route; a plain img keeps pixels exact at every zoom. */}
          <img
            src={src}
            alt={alt}
            draggable={false}
            className={styles.viewerImage}
            style={{
              transform: `translate(${view.x * 100}%, ${view.y * 100}%) scale(${view.zoom})`,
            }}
          />
        </div>
        <figcaption className={styles.viewerControls}>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => zoomBy(1 / ZOOM_STEP)}
            disabled={view.zoom <= MIN_ZOOM}
            aria-label="Zoom out (−)"
          >
            −
          </button>
          <output aria-live="polite" className={styles.zoomLevel} data-testid="zoom-level">
            {percent}%
          </output>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => zoomBy(ZOOM_STEP)}
            disabled={view.zoom >= MAX_ZOOM}
            aria-label="Zoom in (+)"
          >
            +
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setView({ zoom: 1, x: 0, y: 0 })}
            aria-label="Fit the image (0)"
          >
            Fit
          </button>
        </figcaption>
      </figure>
    );
  },
);
